package web

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRoutes keeps the document and the route table in step:
// every /api/v1 route is documented, and every documented operation exists.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string `json:"openapi"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/v1" {
		t.Fatalf("header: %s %+v", doc.OpenAPI, doc.Servers)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	routed := map[string]bool{}
	for _, rt := range routes {
		if rest, ok := strings.CutPrefix(rt.Path, "/api/v1"); ok {
			routed[rt.Method+" "+rest] = true
		}
	}
	if missing := diff(routed, documented); len(missing) > 0 {
		t.Errorf("routes missing from openapi.json: %v", missing)
	}
	if extra := diff(documented, routed); len(extra) > 0 {
		t.Errorf("openapi.json documents routes that do not exist: %v", extra)
	}
	if len(routed) < 5 {
		t.Fatalf("only %d API routes found", len(routed))
	}
}

func diff(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func TestOpenAPIServed(t *testing.T) {
	e := newEnv(t)
	w, body := e.apiCall("GET", "/api/v1/openapi.json", "", "")
	wantStatus(t, w, 200)
	if body["openapi"] != "3.1.0" || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("%v %v", body["openapi"], w.Header())
	}
}
