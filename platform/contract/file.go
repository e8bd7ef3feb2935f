package contract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
)

// EnvUpdate, set to anything, makes consumers' tests rewrite their contract
// files instead of comparing them.
const EnvUpdate = "JUBAKO_UPDATE_CONTRACTS"

// Check compares each pact, all of one consumer, with its committed
// contract file, and fails t, saying how to regenerate the files, when one
// differs or when a file of the consumer names a provider no pact does
// (the consumer stopped calling it). With EnvUpdate set it writes the
// files and removes the stale ones instead.
func Check(t testing.TB, pacts ...*Pact) {
	t.Helper()
	root := testkit.RepoRoot(t)
	if err := syncAll(root, os.Getenv(EnvUpdate) != "", regenerate(t, root), pacts); err != nil {
		t.Fatal(err)
	}
}

// syncAll syncs every pact and the consumer's stale files.
func syncAll(root string, update bool, command string, pacts []*Pact) error {
	if len(pacts) == 0 {
		return errors.New("contract: no pact to check")
	}
	consumer := pacts[0].contract.Consumer
	declared := map[string]bool{}
	var errs []error
	for _, p := range pacts {
		if p.contract.Consumer != consumer {
			return fmt.Errorf("contract: pacts of consumers %s and %s checked together", consumer, p.contract.Consumer)
		}
		declared[p.contract.Provider] = true
		errs = append(errs, p.sync(root, update, command))
	}
	errs = append(errs, removeStale(root, consumer, declared, update, command))
	return errors.Join(errs...)
}

// removeStale finds the files of consumer about providers it no longer
// declares, and removes them when update is set.
func removeStale(root, consumer string, declared map[string]bool, update bool, command string) error {
	all, err := loadAll(filepath.Join(root, Dir))
	if err != nil {
		return err
	}
	var errs []error
	for _, c := range all {
		if c.Consumer != consumer || declared[c.Provider] {
			continue
		}
		rel := filepath.Join(Dir, FileName(c.Consumer, c.Provider))
		if update {
			errs = append(errs, os.Remove(filepath.Join(root, rel)))
			continue
		}
		errs = append(errs, fmt.Errorf("%s: this test declares nothing of provider %s any more; remove the file with:\n\t%s", rel, c.Provider, command))
	}
	return errors.Join(errs...)
}

// sync writes the contract file under root when update is set, and
// otherwise reports how it differs from the declarations, with the command
// that regenerates it.
func (p *Pact) sync(root string, update bool, command string) error {
	if err := errors.Join(p.errs...); err != nil {
		return fmt.Errorf("contract %s: %w", p.contract.name(), err)
	}
	want, err := p.contract.encode()
	if err != nil {
		return err
	}
	rel := filepath.Join(Dir, FileName(p.contract.Consumer, p.contract.Provider))
	path := filepath.Join(root, rel)
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, want, 0o644)
	}
	got, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s does not exist; write it with:\n\t%s", rel, command)
	}
	if err != nil {
		return err
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("%s differs from what this test declares (%s); if the change is meant, regenerate it and commit it:\n\t%s",
			rel, firstDifference(got, want), command)
	}
	return nil
}

// regenerate is the command that rewrites the contracts of t's test.
func regenerate(t testing.TB, root string) string {
	dir, err := os.Getwd()
	pkg := "./..."
	if rel, relErr := filepath.Rel(root, dir); err == nil && relErr == nil {
		pkg = "./" + filepath.ToSlash(rel)
	}
	test, _, _ := strings.Cut(t.Name(), "/")
	return fmt.Sprintf("%s=1 go test -run '^%s$' %s", EnvUpdate, test, pkg)
}

// firstDifference shows the first line where the committed file (got)
// and the declarations (want) part.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	return fmt.Sprintf("line %d: the file has `%s`, the test declares `%s`", i+1, lineAt(g, i), lineAt(w, i))
}

// lineAt is lines[i] trimmed, "" past the end.
func lineAt(lines []string, i int) string {
	if i >= len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[i])
}
