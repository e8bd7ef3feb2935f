package local_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/ads"
	"github.com/jubako/jubako/modules/ads/local"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

var (
	hairdryer = ads.Ad{RedirectURL: "/product/2ZYFJ3GM2N", Text: "Hairdryer for sale. 50% off."}
	jar       = ads.Ad{RedirectURL: "/product/9SIQT8TOJO", Text: "Bamboo glass jar for sale. 10% off."}
	mug       = ads.Ad{RedirectURL: "/product/6E92ZMYYFZ", Text: "Mug for sale. Buy two, get third one for free."}
)

// categories are Online Boutique's context keys; each has at least one ad.
var categories = []string{"clothing", "accessories", "footwear", "hair", "decor", "kitchen"}

func start(t *testing.T) *testkit.Process {
	t.Helper()
	return testkit.Start(t, testkit.SQLite(t), nil, local.Module)
}

// get asks for ads over HTTP and over the bus and fails t unless both
// succeed; it returns both answers.
func get(t *testing.T, p *testkit.Process, keys ...string) (overHTTP, overBus []ads.Ad) {
	t.Helper()
	res := p.Do(t, http.MethodGet, "/api/ads?context="+url.QueryEscape(strings.Join(keys, ",")), nil)
	var rep ads.GetReply
	res.Decode(t, &rep)
	if res.Status != http.StatusOK {
		t.Fatalf("GET /api/ads %v: %d %s", keys, res.Status, res.Body)
	}
	busRep, err := ads.Get.Call(context.Background(), p.Bus, ads.GetRequest{ContextKeys: keys})
	if err != nil {
		t.Fatalf("ads.Get %v: %v", keys, err)
	}
	return rep.Ads, busRep.Ads
}

func TestAdsByContextKey(t *testing.T) {
	p := start(t)
	for _, tc := range []struct {
		name string
		keys []string
		want []ads.Ad
	}{
		{"kitchen", []string{"kitchen"}, []ads.Ad{jar, mug}},
		{"hair and kitchen", []string{"hair", "kitchen"}, []ads.Ad{hairdryer, jar, mug}},
		{"case and spaces", []string{" Kitchen ", "HAIR"}, []ads.Ad{jar, mug, hairdryer}},
		{"a key once", []string{"kitchen", "kitchen "}, []ads.Ad{jar, mug}},
		{"unknown keys are skipped", []string{"garden", "hair", ""}, []ads.Ad{hairdryer}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			overHTTP, overBus := get(t, p, tc.keys...)
			if !slices.Equal(overHTTP, tc.want) || !slices.Equal(overBus, tc.want) {
				t.Errorf("HTTP gave %v, bus gave %v, want %v", overHTTP, overBus, tc.want)
			}
		})
	}
}

func TestRandomAdsWhenNothingMatches(t *testing.T) {
	p := start(t)
	every := everyAd(t, p)
	if len(every) != 7 {
		t.Fatalf("the categories hold %d distinct ads, want Online Boutique's 7", len(every))
	}
	seen := map[ads.Ad]bool{}
	for _, keys := range [][]string{nil, {"garden"}, {"", " "}} {
		for range 25 {
			overHTTP, overBus := get(t, p, keys...)
			for _, got := range [][]ads.Ad{overHTTP, overBus} {
				if len(got) != 2 || got[0] == got[1] || !slices.Contains(every, got[0]) || !slices.Contains(every, got[1]) {
					t.Fatalf("keys %q: %v, want two different ads of the table", keys, got)
				}
				seen[got[0]], seen[got[1]] = true, true
			}
		}
	}
	if len(seen) < 3 {
		t.Errorf("150 random picks showed only %d ads: they are not random", len(seen))
	}
}

// everyAd collects the ads of every category.
func everyAd(t *testing.T, p *testkit.Process) []ads.Ad {
	t.Helper()
	var all []ads.Ad
	for _, c := range categories {
		_, got := get(t, p, c)
		for _, ad := range got {
			if !strings.HasPrefix(ad.RedirectURL, "/product/") || ad.Text == "" || slices.Contains(all, ad) {
				t.Errorf("category %s: ad %+v is malformed or repeated", c, ad)
			}
			all = append(all, ad)
		}
	}
	return all
}

func TestRouteWithAndWithoutTrailingSlash(t *testing.T) {
	p := start(t)
	for _, path := range []string{"/api/ads?context=kitchen", "/api/ads/?context=kitchen"} {
		var rep ads.GetReply
		res := p.Do(t, http.MethodGet, path, nil)
		res.Decode(t, &rep)
		if res.Status != http.StatusOK || !slices.Equal(rep.Ads, []ads.Ad{jar, mug}) {
			t.Errorf("GET %s: %d %s, want the kitchen ads", path, res.Status, res.Body)
		}
	}
	var rep ads.GetReply
	res := p.Do(t, http.MethodGet, "/api/ads", nil)
	res.Decode(t, &rep)
	if res.Status != http.StatusOK || len(rep.Ads) != 2 {
		t.Errorf("GET /api/ads without context: %d %s, want 2 random ads", res.Status, res.Body)
	}
}

func TestBadInput(t *testing.T) {
	p := start(t)
	for _, tc := range []struct {
		name  string
		keys  []string
		field string
	}{
		{"too many keys", slices.Repeat([]string{"kitchen"}, 21), "context"},
		{"key too long", []string{"hair", strings.Repeat("k", 51)}, "context[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := p.Do(t, http.MethodGet, "/api/ads?context="+strings.Join(tc.keys, ","), nil)
			if e := res.Err(t); res.Status != http.StatusBadRequest || e.Error.Code != "invalid" || e.Error.Field != tc.field {
				t.Errorf("HTTP: %d %+v, want 400 invalid naming %q", res.Status, e.Error, tc.field)
			}
			_, err := ads.Get.Call(context.Background(), p.Bus, ads.GetRequest{ContextKeys: tc.keys})
			if !errors.Is(err, shared.ErrInvalid) || shared.AsError(err).Field != tc.field {
				t.Errorf("bus: %v, want Invalid naming %q", err, tc.field)
			}
		})
	}
	if overHTTP, _ := get(t, p, slices.Repeat([]string{"kitchen"}, 20)...); !slices.Equal(overHTTP, []ads.Ad{jar, mug}) {
		t.Errorf("20 keys: %v, want them accepted", overHTTP)
	}
}
