package web

import "net/http"

func (s *Server) accessibilityPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "accessibility", s.view(r, "Accessibility statement", nil))
}

func (s *Server) privacyPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "privacy", s.view(r, "Privacy notice", nil))
}
