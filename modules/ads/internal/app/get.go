// Package app serves the ads module's one use case from a static table,
// as Online Boutique's ad service does.
package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/jubako/jubako/modules/ads"
	"github.com/jubako/jubako/shared"
)

// Limits of the input, and how many random ads stand in when no key
// matches.
const (
	maxKeys      = 20
	maxKeyLength = 50
	randomAds    = 2
)

// Get serves ads.Get: the ads of each context key (trimmed, any case) in
// the order given, each key counted once; two distinct random ads when no
// key matches.
func Get(_ context.Context, req ads.GetRequest) (ads.GetReply, error) {
	keys, err := normalize(req.ContextKeys)
	if err != nil {
		return ads.GetReply{}, err
	}
	var found []ads.Ad
	for _, k := range keys {
		found = append(found, byCategory[k]...)
	}
	if len(found) == 0 {
		found = random(randomAds)
	}
	return ads.GetReply{Ads: found}, nil
}

// normalize validates the keys and returns them trimmed, lower-cased and
// without repeats. Errors name "context", the query parameter users send
// the keys in (GET /api/ads?context=kitchen,hair).
func normalize(keys []string) ([]string, error) {
	if len(keys) > maxKeys {
		return nil, shared.Invalid("context", "at most %d keys, got %d", maxKeys, len(keys))
	}
	out := make([]string, 0, len(keys))
	for i, k := range keys {
		k = strings.ToLower(strings.TrimSpace(k))
		if len(k) > maxKeyLength {
			return nil, shared.Invalid(fmt.Sprintf("context[%d]", i), "must be at most %d characters", maxKeyLength)
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out, nil
}

// random picks n distinct ads.
func random(n int) []ads.Ad {
	out := make([]ads.Ad, 0, n)
	for _, i := range rand.Perm(len(everyAd))[:n] {
		out = append(out, everyAd[i])
	}
	return out
}
