package importer

// Row is one capture row given field by field rather than read from a
// file: the web capture page types rows in directly. Its fields are the
// CSV columns (see FORMAT.md) and mean the same.
type Row struct {
	Kind                             Kind
	Activity, Area, Participant      string
	Phase, Position, Statement, Vote string
	Option, Count, Text              string
	// Rank is a team ranking's place, 1 for the team's first idea.
	Rank string
}

// NewCapture starts an empty capture for a session, to be filled with Add
// and imported with ImportCapture like a file. source is stored on every
// contribution (for example "web"); checkCode is the session's check code,
// which the caller vouches for by building the capture from the session.
func NewCapture(source, sessionID, checkCode string) *Capture {
	return &Capture{Source: source, SessionID: sessionID, CheckCode: checkCode}
}

// Add appends a row. where is how problems with the row are placed: its
// Row (and Sheet, if set) come back in each Problem's Location, so the
// caller can point at the line or cell the row came from.
func (c *Capture) Add(r Row, where Location) {
	rec := record{kind: r.Kind, where: where}
	rec.vals = [nCols]string{colKind: string(r.Kind), colActivity: r.Activity, colArea: r.Area,
		colParticipant: r.Participant, colPhase: r.Phase, colPosition: r.Position, colStatement: r.Statement,
		colVote: r.Vote, colOption: r.Option, colCount: r.Count, colText: r.Text, colRank: r.Rank}
	c.records = append(c.records, rec)
}
