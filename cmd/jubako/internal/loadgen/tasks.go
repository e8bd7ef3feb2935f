package loadgen

import (
	"context"
	"math/rand/v2"
	"net/url"
	"strconv"
)

// products are Online Boutique's, as its locustfile lists them.
var products = []string{"0PUK6V6EV0", "1YMWWN1N4O", "2ZYFJ3GM2N", "66VCHSJNUP", "6E92ZMYYFZ", "9SIQT8TOJO",
	"L9ECAV7KIM", "LS4PSXUNUM", "OLJCESPC7Z"}

// currencies are those the locustfile sets.
var currencies = []string{"EUR", "USD", "JPY", "CAD", "GBP", "TRY"}

// task is one of the shopper's behaviours, with its weight in the mix.
type task struct {
	name   string
	weight int
	run    func(ctx context.Context, u *user) error
}

// tasks are the locustfile's, with its weights.
var tasks = []task{
	{"index", 1, index},
	{"setCurrency", 2, setCurrency},
	{"browseProduct", 10, browseProduct},
	{"addToCart", 2, addToCart},
	{"viewCart", 3, viewCart},
	{"checkout", 1, checkout},
}

// taskNames are the tasks' names, in the mix's order.
func taskNames() []string {
	out := make([]string, len(tasks))
	for i, t := range tasks {
		out[i] = t.name
	}
	return out
}

// pick draws a task by weight.
func pick(rng *rand.Rand) task {
	total := 0
	for _, t := range tasks {
		total += t.weight
	}
	n := rng.IntN(total)
	for _, t := range tasks {
		if n < t.weight {
			return t
		}
		n -= t.weight
	}
	return tasks[len(tasks)-1]
}

func index(ctx context.Context, u *user) error { return u.get(ctx, "/") }

func setCurrency(ctx context.Context, u *user) error {
	return u.post(ctx, "/setCurrency", url.Values{"currency_code": {oneOf(u.rng, currencies)}})
}

func browseProduct(ctx context.Context, u *user) error {
	return u.get(ctx, "/product/"+oneOf(u.rng, products))
}

func viewCart(ctx context.Context, u *user) error { return u.get(ctx, "/cart") }

// addToCart opens a product's page, then adds 1 to 10 of it.
func addToCart(ctx context.Context, u *user) error {
	product := oneOf(u.rng, products)
	if err := u.get(ctx, "/product/"+product); err != nil {
		return err
	}
	return u.post(ctx, "/cart", url.Values{"product_id": {product}, "quantity": {strconv.Itoa(1 + u.rng.IntN(10))}})
}

// checkout adds to the cart, then checks out with a random address and a
// valid VISA card; the shop answers with the order's page.
func checkout(ctx context.Context, u *user) error {
	if err := addToCart(ctx, u); err != nil {
		return err
	}
	return u.post(ctx, "/cart/checkout", shopper(u.rng))
}

func oneOf(rng *rand.Rand, from []string) string { return from[rng.IntN(len(from))] }
