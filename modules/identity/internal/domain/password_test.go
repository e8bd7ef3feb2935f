package domain

import (
	"strings"
	"testing"
)

// cheap keeps the tests fast; the costs travel inside each hash.
var cheap = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashThenCheck(t *testing.T) {
	hash, err := HashPassword("ada's long secret", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$") || strings.Contains(hash, "secret") {
		t.Fatalf("hash %q, want a PHC argon2id string without the password", hash)
	}
	for _, tc := range []struct {
		password string
		want     bool
	}{
		{"ada's long secret", true},
		{"ada's long secreT", false},
		{"ada's long secret ", false},
		{"", false},
	} {
		if got, err := CheckPassword(hash, tc.password); err != nil || got != tc.want {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", tc.password, got, err, tc.want)
		}
	}
	again, _ := HashPassword("ada's long secret", cheap)
	if again == hash {
		t.Error("two hashes of one password are equal: no fresh salt")
	}
}

func TestHashesOfOtherCostsStillCheck(t *testing.T) {
	hash, err := HashPassword("ada's long secret", Params{Memory: 128, Time: 3, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := CheckPassword(hash, "ada's long secret"); !ok || err != nil {
		t.Errorf("a hash made with other costs: %v, %v; want it to check", ok, err)
	}
}

func TestMalformedHashesAreErrors(t *testing.T) {
	good, _ := HashPassword("ada's long secret", cheap)
	parts := strings.Split(good, "$")
	for name, hash := range map[string]string{
		"empty":          "",
		"bcrypt":         "$2a$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234",
		"argon2i":        strings.Replace(good, "argon2id", "argon2i", 1),
		"other version":  strings.Replace(good, "v=19", "v=16", 1),
		"absurd memory":  strings.Replace(good, "m=64", "m=99999999", 1),
		"zero passes":    strings.Replace(good, "t=1", "t=0", 1),
		"salt not b64":   strings.Join([]string{"", parts[1], parts[2], parts[3], "!!", parts[5]}, "$"),
		"key too short":  strings.Join([]string{"", parts[1], parts[2], parts[3], parts[4], "AAAA"}, "$"),
		"missing a part": strings.Join(parts[:5], "$"),
	} {
		if ok, err := CheckPassword(hash, "ada's long secret"); ok || err == nil {
			t.Errorf("%s: %v, %v; want an error", name, ok, err)
		}
	}
}
