package redact

import "testing"

func TestValidNHS(t *testing.T) {
	valid := []string{"9434765919", "943 476 5919", "943-476-5919", "4010232137", "7711471041"}
	invalid := []string{
		"9434765918",  // wrong check digit
		"9434765910",  // wrong check digit
		"4010232138",  // wrong check digit
		"1234567890",  // remainder gives check 10: never issued
		"943476591",   // nine digits
		"94347659190", // eleven digits
		"94347a5919",  // a letter
		"",
	}
	for _, s := range valid {
		if !ValidNHS(s) {
			t.Errorf("ValidNHS(%q) = false, want true", s)
		}
	}
	for _, s := range invalid {
		if ValidNHS(s) {
			t.Errorf("ValidNHS(%q) = true, want false", s)
		}
	}
}

func TestValidNINO(t *testing.T) {
	valid := []string{"AB123456C", "ab123456c", "AB 12 34 56 C", "CE123456D", "OA123456A", "AB123456"}
	invalid := []string{
		"DA123456A", // D never first
		"FA123456A", // F never first
		"QA123456A", // Q never first
		"AO123456A", // O never second
		"AV123456A", // V never second
		"BG123456A", // reserved prefix
		"GB123456A", "KN123456A", "NK123456A", "NT123456A", "TN123456A", "ZZ123456A",
		"AB123456E", // suffix beyond D
		"AB12345C",  // five digits
		"A1123456C", // digit in prefix
		"",
	}
	for _, s := range valid {
		if !ValidNINO(s) {
			t.Errorf("ValidNINO(%q) = false, want true", s)
		}
	}
	for _, s := range invalid {
		if ValidNINO(s) {
			t.Errorf("ValidNINO(%q) = true, want false", s)
		}
	}
}

func TestValidPrisonNumber(t *testing.T) {
	for _, s := range []string{"A1234BC", "a1234bc", "G5678HJ"} {
		if !ValidPrisonNumber(s) {
			t.Errorf("ValidPrisonNumber(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"A123BC", "A12345BC", "11234BC", "A1234B1", "AB1234C", ""} {
		if ValidPrisonNumber(s) {
			t.Errorf("ValidPrisonNumber(%q) = true, want false", s)
		}
	}
}

// The PNC and CRO check letters below were worked by hand from the rule:
// digits mod 23 indexed into ZABCDEFGHJKLMNPQRTUVWXY.
func TestValidPNC(t *testing.T) {
	valid := []string{
		"2004/2530830M", // 042530830 mod 23 = 11 -> M
		"98/1215280X",   // short year form
		"03/6135242L",
		"2021/3602038C",
		"12/52821W",     // serial padded to 0052821; 120052821 mod 23 = 21 -> W
		"2012/0052821W", // same number in the long form
		"20120052821W",  // long form without the slash
		"98/1215280x",   // lower-case check letter
	}
	invalid := []string{
		"2004/2530830N", // check letter off by one
		"98/1215280Y",   // wrong check letter
		"12/52821B",     // wrong check letter
		"2012/0052821I", // I is never a check letter
		"123/1234567A",  // three-digit year
		"12/12345678A",  // eight-digit serial
		"12/1234567",    // no check letter
		"1212345679A",   // short form needs its slash
		"",
	}
	for _, s := range valid {
		if !ValidPNC(s) {
			t.Errorf("ValidPNC(%q) = false, want true", s)
		}
	}
	for _, s := range invalid {
		if ValidPNC(s) {
			t.Errorf("ValidPNC(%q) = true, want false", s)
		}
	}
}

func TestValidCRO(t *testing.T) {
	valid := []string{
		"488219/10M",   // 10488219 mod 23 = 11 -> M
		"85832/07Q",    // serial padded to 085832
		"SF95/557550B", // fingerprint form
		"sf95/557550b",
		"379147/14G",
	}
	invalid := []string{
		"488219/10N",   // wrong check letter
		"SF95/557550C", // wrong check letter
		"85832/7Q",     // one-digit year
		"1234567/10M",  // seven-digit serial
		"SF9/557550B",  // one-digit year
		"488219-10M",   // no slash
		"",
	}
	for _, s := range valid {
		if !ValidCRO(s) {
			t.Errorf("ValidCRO(%q) = false, want true", s)
		}
	}
	for _, s := range invalid {
		if ValidCRO(s) {
			t.Errorf("ValidCRO(%q) = true, want false", s)
		}
	}
}

func TestValidPostcode(t *testing.T) {
	for _, s := range []string{"SW1A 1AA", "sw1a1aa", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB"} {
		if !ValidPostcode(s) {
			t.Errorf("ValidPostcode(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"SW1A 1AC", "Q1 1AA", "1A 1AA", "SW1A 1A", "AI1 1AA", "M1 AAE", "ABCDE"} {
		if ValidPostcode(s) {
			t.Errorf("ValidPostcode(%q) = true, want false", s)
		}
	}
}
