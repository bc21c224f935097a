package screen

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Model is the trained backstop: logistic heads over hashed features
// (features.go). Head 0 says whether a text is a disclosure at all; the
// others, one per category in Categories() order, say which category a
// disclosure the rules missed most likely belongs to. Weights are stored
// as int16 with one scale per head, which keeps the embedded file near 1 MB
// with no loss that matters at these probabilities.
type Model struct {
	// Threshold is the disclosure probability at or above which the model
	// flags on its own. It is chosen by cross-validation on training data
	// for recall (see ChooseThreshold).
	Threshold float64
	// Veto is the disclosure probability below which the model overrules
	// a rule hit outside self-harm. Zero never overrules.
	Veto  float64
	Heads []Head
}

// Head is one logistic regression: p = sigmoid(Bias + sum w[f]*x[f]).
type Head struct {
	Name    string
	Bias    float32
	Weights []float32 // featureDim entries
}

// modelMagic starts every model file; the version changes with the layout
// or the feature definition, so a stale model is refused, not misread.
const modelMagic = "PVSCREEN2"

//go:embed model/model.bin
var embeddedModel []byte

// ShippedThreshold is the probability at or above which the shipped screen
// flags a line the rules passed, and ShippedVeto the probability below
// which it overrules a rule hit outside self-harm. Both were chosen on the
// leave-one-set-out table of the training sets (each set scored by a model
// trained without it), never on the blind sets; see
// docs/decisions/0006-screen-veto.md.
const (
	ShippedThreshold = 0.6
	ShippedVeto      = 0.2
)

// defaultModel is nil when the embedded file is missing or stale, in which
// case Screen runs on the rules alone; TestEmbeddedModelLoads catches that.
var defaultModel, defaultModelErr = loadDefaultModel()

func loadDefaultModel() (*Model, error) {
	m, err := ReadModel(bytes.NewReader(embeddedModel))
	if err != nil {
		return nil, err
	}
	m.Threshold, m.Veto = ShippedThreshold, ShippedVeto
	return m, nil
}

// DefaultModel returns the embedded model, or an error saying why it could
// not be loaded.
func DefaultModel() (*Model, error) {
	return defaultModel, defaultModelErr
}

// features turns a text into hashed indexes and the value each
// occurrence carries. The backstop reads the text alone, not the rules'
// cues: in leave-one-set-out tests a model given the rules' cues learnt to
// trust them and missed what the rules missed, which is its whole job.
func features(text string) ([]uint32, float32) {
	idx := featurise(nil, normalise(text))
	return idx, featureValue(idx)
}

// featureValue is what each occurrence of a feature counts: 1/sqrt(n), so
// long texts do not dominate.
func featureValue(idx []uint32) float32 {
	if len(idx) == 0 {
		return 0
	}
	return float32(1 / math.Sqrt(float64(len(idx))))
}

// score is the head's log-odds for a featurised text.
func (h *Head) score(idx []uint32, val float32) float32 {
	s := float32(0)
	for _, i := range idx {
		s += h.Weights[i]
	}
	return h.Bias + s*val
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// Probability is the disclosure probability of text under head 0.
func (m *Model) Probability(text string) float64 {
	return m.disclosure(features(text))
}

// disclosure is the disclosure probability under head 0.
func (m *Model) disclosure(idx []uint32, val float32) float64 {
	return sigmoid(float64(m.Heads[0].score(idx, val)))
}

// category is the most likely category under the category heads. Only a
// text the model flags on its own needs it, so the seven heads are scored
// for those alone.
func (m *Model) category(idx []uint32, val float32) string {
	best, name := float32(math.Inf(-1)), AtRisk
	for _, h := range m.Heads[1:] {
		if s := h.score(idx, val); s > best {
			best, name = s, h.Name
		}
	}
	return name
}

// overrules reports whether the model, at disclosure probability p, drops
// a rule hit in category: below veto, and never for self-harm. Screen and
// the leave-one-set-out table share it.
func overrules(category string, p, veto float64) bool {
	return category != SelfHarm && p < veto
}

// WriteTo writes the model in its binary form: magic, threshold, head
// count, then per head its name, bias, scale and int16 weights.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(modelMagic)
	put := func(v any) { _ = binary.Write(&buf, binary.LittleEndian, v) }
	put(m.Threshold)
	put(uint32(len(m.Heads)))
	for _, h := range m.Heads {
		put(uint16(len(h.Name)))
		buf.WriteString(h.Name)
		put(h.Bias)
		scale, q := quantise(h.Weights)
		put(scale)
		put(q)
	}
	n, err := w.Write(buf.Bytes())
	if err != nil {
		return int64(n), fmt.Errorf("screen: write model: %w", err)
	}
	return int64(n), nil
}

// quantise maps weights to int16 with one scale: w ~ q*scale.
func quantise(ws []float32) (float32, []int16) {
	var maxAbs float64
	for _, w := range ws {
		maxAbs = math.Max(maxAbs, math.Abs(float64(w)))
	}
	scale := float32(maxAbs / math.MaxInt16)
	q := make([]int16, len(ws))
	if scale == 0 {
		return 1, q
	}
	for i, w := range ws {
		q[i] = int16(math.Round(float64(w / scale)))
	}
	return scale, q
}

// ReadModel reads a model written by WriteTo.
func ReadModel(r io.Reader) (*Model, error) {
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("screen: read model: not a model file of this version")
	}
	m := &Model{}
	var n uint32
	if err := readAll(r, &m.Threshold, &n); err != nil {
		return nil, err
	}
	if n < 1 || n > 64 {
		return nil, fmt.Errorf("screen: read model: %d heads", n)
	}
	for range n {
		h, err := readHead(r)
		if err != nil {
			return nil, err
		}
		m.Heads = append(m.Heads, h)
	}
	return m, nil
}

func readHead(r io.Reader) (Head, error) {
	var nameLen uint16
	if err := readAll(r, &nameLen); err != nil {
		return Head{}, err
	}
	name := make([]byte, nameLen)
	if _, err := io.ReadFull(r, name); err != nil {
		return Head{}, fmt.Errorf("screen: read model: %w", err)
	}
	h := Head{Name: string(name)}
	var scale float32
	q := make([]int16, featureDim)
	if err := readAll(r, &h.Bias, &scale, q); err != nil {
		return Head{}, err
	}
	h.Weights = make([]float32, featureDim)
	for i, v := range q {
		h.Weights[i] = float32(v) * scale
	}
	return h, nil
}

func readAll(r io.Reader, vs ...any) error {
	for _, v := range vs {
		if err := binary.Read(r, binary.LittleEndian, v); err != nil {
			return fmt.Errorf("screen: read model: %w", err)
		}
	}
	return nil
}
