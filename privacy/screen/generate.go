package screen

// The backstop model is trained from every labelled set in testdata except
// the blind sets named in UnseenSets, kept unseen to measure the shipped
// model.
//go:generate go run ./internal/train -o model/model.bin -dir testdata
