package domain

// SiteType is the kind of secure or community setting a site is.
type SiteType string

// The kinds of site a programme can visit.
const (
	SiteYOI              SiteType = "yoi"
	SiteWomensPrison     SiteType = "womens_prison"
	SiteCatA             SiteType = "cat_a"
	SiteCatB             SiteType = "cat_b"
	SiteCatC             SiteType = "cat_c"
	SiteCatD             SiteType = "cat_d"
	SiteApprovedPremises SiteType = "approved_premises"
	SiteProbationOffice  SiteType = "probation_office"
	SiteCommunityVenue   SiteType = "community_venue"
)

// SiteTypes lists every site type with its label, in display order.
var SiteTypes = []struct {
	Type  SiteType
	Label string
}{
	{SiteYOI, "Young offender institution"},
	{SiteWomensPrison, "Women's prison"},
	{SiteCatA, "Category A prison"},
	{SiteCatB, "Category B prison"},
	{SiteCatC, "Category C prison"},
	{SiteCatD, "Category D (open) prison"},
	{SiteApprovedPremises, "Approved premises"},
	{SiteProbationOffice, "Probation office"},
	{SiteCommunityVenue, "Community venue"},
}

// Label returns the human name of the site type, or "" if it is unknown.
func (t SiteType) Label() string {
	for _, st := range SiteTypes {
		if st.Type == t {
			return st.Label
		}
	}
	return ""
}

// Site is a setting where sessions happen.
type Site struct {
	ID            string   `json:"id"`
	ProgrammeID   string   `json:"programme_id"`
	Name          string   `json:"name"`
	Type          SiteType `json:"type"`
	Region        string   `json:"region"`
	Contact       string   `json:"contact"`
	SecurityNotes string   `json:"security_notes"`
}

// Validate checks the site's own rules.
func (s *Site) Validate() error {
	pr := Problems{}
	requireText(pr, "name", s.Name, 200)
	if s.Type.Label() == "" {
		pr.Add("type", "Choose the type of site.")
	}
	checkText(pr, "region", s.Region, 100)
	checkText(pr, "contact", s.Contact, 500)
	checkText(pr, "security_notes", s.SecurityNotes, 2000)
	return pr.Err("The site " + quoteName(s.Name))
}
