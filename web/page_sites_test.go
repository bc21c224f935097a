package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"peervoice/domain"
)

func TestSitesAddAndEdit(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn("coordinator")
	ctx := context.Background()
	v := url.Values{"name": {"HMP Eastwood Park"}, "type": {"womens_prison"}, "region": {"South West"},
		"contact": {"Head of Reducing Reoffending"}, "security_notes": {"paper only; no laptops; pens supplied by the establishment"}}
	wantStatus(t, b.post("/programmes/alpha/sites", v), http.StatusSeeOther)
	id := e.siteIDs(e.progA.ID)["HMP Eastwood Park"]
	if id == "" {
		t.Fatal("site not added")
	}
	wantStatus(t, b.get("/programmes/alpha/sites?id="+id), http.StatusOK)
	d := e.last("sites").Data.(sitesData)
	if !d.Editing || d.Form.SecurityNotes != v.Get("security_notes") || len(d.Sites.Rows) != 3 || len(d.Types) != len(domain.SiteTypes) {
		t.Fatalf("sites page: %+v", d)
	}
	v.Set("id", id)
	v.Set("type", "yoi")
	wantStatus(t, b.post("/programmes/alpha/sites", v), http.StatusSeeOther)
	sites, _ := e.db.Sites(ctx, e.progA.ID)
	for _, s := range sites {
		if s.ID == id && s.Type != domain.SiteYOI {
			t.Fatalf("site not changed: %+v", s)
		}
	}
	v.Set("type", "castle")
	wantStatus(t, b.post("/programmes/alpha/sites", v), http.StatusUnprocessableEntity)
	e.wantFieldError("sites", "type", "Choose the type")
	v.Del("id")
	v.Set("type", "cat_b")
	wantStatus(t, b.post("/programmes/alpha/sites", v), http.StatusUnprocessableEntity)
	e.wantFieldError("sites", "name", "already has a site called")
	// Bravo's site cannot be edited through alpha.
	bravoSite := e.siteIDs(e.progB.ID)["HMP Big bravo"]
	wantStatus(t, b.get("/programmes/alpha/sites?id="+bravoSite), http.StatusNotFound)
	v.Set("id", bravoSite)
	wantStatus(t, b.post("/programmes/alpha/sites", v), http.StatusNotFound)
}
