package importer

import (
	"testing"

	"gopkg.in/yaml.v3"
)

type expected struct {
	Title   string   `yaml:"title"`
	Tags    []string `yaml:"tags"`
	Caption string   `yaml:"caption"`
	Credit  string   `yaml:"credit"`
	Date    *string  `yaml:"date"`
	Body    []string `yaml:"body"`
	Dropped []string `yaml:"dropped"`
}

func parseExpected(t *testing.T, data []byte) expected {
	t.Helper()
	var e expected
	if err := yaml.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	return e
}
