package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
)

//go:embed templates
var templateFiles embed.FS

// templates holds one parsed template per page: the layout and component
// partials, plus the page's own "content". All are parsed at start-up, so a
// broken template stops the server from starting rather than a page failing.
type templates struct {
	pages map[string]*template.Template
}

func parseTemplates(a *assets) (*templates, error) {
	base := template.New("base").Option("missingkey=zero").Funcs(funcs(a))
	if _, err := base.ParseFS(templateFiles, "templates/layout.gohtml", "templates/components/*.gohtml"); err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFiles, "templates/pages/*.gohtml")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, n := range names {
		page, err := template.Must(base.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		t.pages[strings.TrimSuffix(path.Base(n), ".gohtml")] = page
	}
	return t, nil
}

func funcs(a *assets) template.FuncMap {
	return template.FuncMap{
		"asset":       a.URL,
		"dict":        dict,
		"describedBy": describedBy,
		"optionID":    func(name string, i int) string { return optionID(name, i) },
	}
}

// dict builds the argument map of a partial: dict "Name" "email" "Label" ...
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// describedBy lists the IDs of a field's hint and error message, for
// aria-describedby, so screen readers read both with the field.
func describedBy(name string, hint any, err string) string {
	var ids []string
	if h, _ := hint.(string); h != "" {
		ids = append(ids, name+"-hint")
	}
	if err != "" {
		ids = append(ids, name+"-error")
	}
	return strings.Join(ids, " ")
}

// optionID is the ID of the i-th radio or checkbox: the first takes the
// field's own name, so that the error summary's link lands on it.
func optionID(name string, i int) string {
	if i == 0 {
		return name
	}
	return name + "-" + strconv.Itoa(i+1)
}

// render executes a page into a buffer first, so a template error becomes a
// clean 500 rather than half a page.
func (t *templates) render(w http.ResponseWriter, status int, name string, v *View) error {
	page, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	var buf bytes.Buffer
	if err := page.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}
