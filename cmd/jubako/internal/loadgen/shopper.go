package loadgen

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"strconv"
	"time"
)

// Places a random shopper lives in.
var (
	streets = []string{"Main Street", "Amphitheatre Parkway", "Oak Avenue", "Rue de Rivoli", "Shibuya Crossing", "High Street"}
	cities  = []string{"Mountain View", "Springfield", "Paris", "Tokyo", "London", "Toronto"}
	states  = []string{"CA", "IL", "NY", "TX", "ON", "WA"}
	nations = []string{"United States", "France", "Japan", "United Kingdom", "Canada", "Saint Kitts and Nevis"}
)

// shopper is a checkout form as OB's locustfile fills it (with faker): a
// random address — never the undeliverable zip code 99999 — and a valid
// VISA card that expires in one to seventy years.
func shopper(rng *rand.Rand) url.Values {
	year := time.Now().Year() + 1 + rng.IntN(70)
	return url.Values{
		"email":                        {fmt.Sprintf("shopper-%d@example.com", rng.IntN(1_000_000))},
		"street_address":               {fmt.Sprintf("%d %s", 1+rng.IntN(9999), oneOf(rng, streets))},
		"zip_code":                     {strconv.Itoa(10000 + rng.IntN(89999))},
		"city":                         {oneOf(rng, cities)},
		"state":                        {oneOf(rng, states)},
		"country":                      {oneOf(rng, nations)},
		"credit_card_number":           {visa(rng)},
		"credit_card_expiration_month": {strconv.Itoa(1 + rng.IntN(12))},
		"credit_card_expiration_year":  {strconv.Itoa(year)},
		"credit_card_cvv":              {strconv.Itoa(100 + rng.IntN(900))},
	}
}

// visa is a random 16-digit VISA number that passes the Luhn check (and
// is not the demo card that is always declined).
func visa(rng *rand.Rand) string {
	digits := make([]byte, 16)
	digits[0] = 4
	for i := 1; i < 15; i++ {
		digits[i] = byte(rng.IntN(10))
	}
	digits[1] = 1 + byte(rng.IntN(9)) // 40… would come close to 4000 0000 0000 0002
	sum := 0
	for i := 14; i >= 0; i-- {
		d := int(digits[i])
		if (14-i)%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	digits[15] = byte((10 - sum%10) % 10)
	out := make([]byte, 16)
	for i, d := range digits {
		out[i] = '0' + d
	}
	return string(out)
}
