package experiment

// Config is the experiments section. The platform knows no shop: the
// binary's defaults name its checkout route.
type Config struct {
	// CheckoutRoute is the route of checkout_success_rate lines that name
	// none ("POST /path").
	CheckoutRoute string `config:"checkout_route"`
}

// Validate checks the section.
func (c Config) Validate() error {
	if c.CheckoutRoute != "" && !validRoute(c.CheckoutRoute) {
		return errInvalidRoute(c.CheckoutRoute)
	}
	return nil
}
