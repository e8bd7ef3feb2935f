package app

import "github.com/jubako/jubako/modules/ads"

// The ads of Online Boutique's ad service, pointing at the products of the
// seeded catalog.
var (
	tankTop        = ads.Ad{RedirectURL: "/product/66VCHSJNUP", Text: "Tank top for sale. 20% off."}
	watch          = ads.Ad{RedirectURL: "/product/1YMWWN1N4O", Text: "Watch for sale. Buy one, get second kit for free."}
	loafers        = ads.Ad{RedirectURL: "/product/L9ECAV7KIM", Text: "Loafers for sale. Buy one, get second one for free."}
	hairdryer      = ads.Ad{RedirectURL: "/product/2ZYFJ3GM2N", Text: "Hairdryer for sale. 50% off."}
	candleHolder   = ads.Ad{RedirectURL: "/product/0PUK6V6EV0", Text: "Candle holder for sale. 30% off."}
	bambooGlassJar = ads.Ad{RedirectURL: "/product/9SIQT8TOJO", Text: "Bamboo glass jar for sale. 10% off."}
	mug            = ads.Ad{RedirectURL: "/product/6E92ZMYYFZ", Text: "Mug for sale. Buy two, get third one for free."}
)

// byCategory maps a context key to its ads.
var byCategory = map[string][]ads.Ad{
	"clothing":    {tankTop},
	"accessories": {watch},
	"footwear":    {loafers},
	"hair":        {hairdryer},
	"decor":       {candleHolder},
	"kitchen":     {bambooGlassJar, mug},
}

// everyAd lists every ad once, for random picks.
var everyAd = []ads.Ad{tankTop, watch, loafers, hairdryer, candleHolder, bambooGlassJar, mug}
