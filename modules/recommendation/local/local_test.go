package local_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/catalog"
	cataloglocal "github.com/jubako/jubako/modules/catalog/local"
	"github.com/jubako/jubako/modules/recommendation"
	"github.com/jubako/jubako/modules/recommendation/local"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// start runs recommendation with the catalog and returns the catalog's ids.
func start(t *testing.T, be testkit.Backend) (*testkit.Process, []string) {
	t.Helper()
	p := testkit.Start(t, be, nil, local.Module, cataloglocal.Module)
	all, err := catalog.ListProducts.Call(context.Background(), p.Bus, catalog.ListProductsRequest{})
	if err != nil || len(all.Products) != 9 {
		t.Fatalf("catalog: %d products, %v; want Online Boutique's 9", len(all.Products), err)
	}
	var ids []string
	for _, pr := range all.Products {
		ids = append(ids, pr.ID)
	}
	return p, ids
}

func TestListLeavesOutTheGivenProducts(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, ids := start(t, be)
		for _, tc := range []struct {
			name    string
			exclude []string
			want    int
		}{
			{"nothing given", nil, 5},
			{"one given", ids[:1], 5},
			{"four given", ids[:4], 5},
			{"five given", ids[:5], 4},
			{"eight given", ids[:8], 1},
			{"all given", ids, 0},
			{"unknown ids are not errors", []string{"NOPE", "ALSO-NOPE"}, 5},
			{"duplicates", []string{ids[0], ids[0]}, 5},
		} {
			t.Run(tc.name, func(t *testing.T) {
				for range 20 {
					rep, err := recommendation.List.Call(context.Background(), p.Bus, recommendation.ListRequest{ProductIDs: tc.exclude})
					if err != nil {
						t.Fatal(err)
					}
					check(t, rep.ProductIDs, ids, tc.exclude, tc.want)
				}
			})
		}
		rep, err := recommendation.List.Call(context.Background(), p.Bus, recommendation.ListRequest{ProductIDs: ids[:8]})
		if err != nil || !slices.Equal(rep.ProductIDs, ids[8:]) {
			t.Errorf("with 8 of 9 given: %v, %v; want exactly the ninth, %s", rep.ProductIDs, err, ids[8])
		}
	})
}

// check fails t unless got holds want distinct catalog ids, none excluded.
func check(t *testing.T, got, catalogIDs, excluded []string, want int) {
	t.Helper()
	if len(got) != want {
		t.Errorf("got %d ids %v, want %d", len(got), got, want)
	}
	seen := map[string]bool{}
	for _, id := range got {
		if slices.Contains(excluded, id) || !slices.Contains(catalogIDs, id) || seen[id] {
			t.Errorf("%v recommends %s: excluded, unknown or repeated", got, id)
		}
		seen[id] = true
	}
}

func TestListIsRandom(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be)
		seen := map[string]bool{}
		for range 50 {
			rep, err := recommendation.List.Call(context.Background(), p.Bus, recommendation.ListRequest{})
			if err != nil {
				t.Fatal(err)
			}
			seen[strings.Join(rep.ProductIDs, ",")] = true
		}
		if len(seen) < 2 {
			t.Errorf("50 calls gave the same recommendations every time: %v", seen)
		}
	})
}

func TestListRejectsBadInputOverTheBus(t *testing.T) {
	p, _ := start(t, testkit.SQLite(t))
	for _, tc := range []struct {
		name  string
		ids   []string
		field string
	}{
		{"too many ids", slices.Repeat([]string{"X"}, 101), "product_ids"},
		{"an empty id", []string{"A", ""}, "product_ids[1]"},
		{"a blank id", []string{" "}, "product_ids[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := recommendation.List.Call(context.Background(), p.Bus, recommendation.ListRequest{ProductIDs: tc.ids})
			if !errors.Is(err, shared.ErrInvalid) || shared.AsError(err).Field != tc.field {
				t.Errorf("error %v, want Invalid naming %q", err, tc.field)
			}
		})
	}
	if _, err := recommendation.List.Call(context.Background(), p.Bus, recommendation.ListRequest{ProductIDs: slices.Repeat([]string{"X"}, 100)}); err != nil {
		t.Errorf("100 ids: %v, want them accepted", err)
	}
}

func TestListOverHTTP(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, ids := start(t, be)
		for _, tc := range []struct {
			name, query string
			exclude     []string
			want        int
		}{
			{"no parameter", "", nil, 5},
			{"empty parameter", "?product_ids=", nil, 5},
			{"two ids", "?product_ids=" + ids[0] + "," + ids[1], ids[:2], 5},
			{"eight ids", "?product_ids=" + strings.Join(ids[:8], ","), ids[:8], 1},
			{"all ids", "?product_ids=" + strings.Join(ids, ","), ids, 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := p.Do(t, http.MethodGet, "/api/recommendations"+tc.query, nil)
				var rep recommendation.ListReply
				res.Decode(t, &rep)
				if res.Status != http.StatusOK || rep.ProductIDs == nil {
					t.Fatalf("%d %s, want 200 with a product_ids array", res.Status, res.Body)
				}
				check(t, rep.ProductIDs, ids, tc.exclude, tc.want)
			})
		}
		for _, tc := range []struct{ name, query, field string }{
			{"empty id", "?product_ids=" + ids[0] + ",," + ids[1], "product_ids[1]"},
			{"too many ids", "?product_ids=" + strings.Repeat("X,", 100) + "X", "product_ids"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := p.Do(t, http.MethodGet, "/api/recommendations"+tc.query, nil)
				if e := res.Err(t); res.Status != http.StatusBadRequest || e.Error.Field != tc.field {
					t.Errorf("%d %+v, want 400 naming %q", res.Status, e.Error, tc.field)
				}
			})
		}
	})
}
