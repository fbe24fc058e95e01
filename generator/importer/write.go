package importer

import "gazette/generator/internal/atomicfile"

// writeFileAtomic writes data to a temporary file beside path and renames
// it into place, so that path holds the old content or the new, whole. It
// flushes the data to disk before the rename, so that even a power cut
// leaves the old content or the new.
func writeFileAtomic(path string, data []byte) error { return atomicfile.Write(path, data, true) }

// writeFile is writeFileAtomic; sync false leaves the flush to a later
// syncFS, for new files that replace nothing.
func writeFile(path string, data []byte, sync bool) error { return atomicfile.Write(path, data, sync) }
