package store

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"

	"gorm.io/gorm/clause"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/shared"
)

// products.json is Online Boutique's catalog, copied into the module.
//
//go:embed products.json
var seedJSON []byte

type seedFile struct {
	Products []struct {
		ID          string   `json:"id"`
		Name        string   `json:"name"`
		Description string   `json:"description"`
		Picture     string   `json:"picture"`
		Categories  []string `json:"categories"`
		PriceUSD    struct {
			CurrencyCode string `json:"currencyCode"`
			Units        int64  `json:"units"`
			Nanos        int32  `json:"nanos"`
		} `json:"priceUsd"`
	} `json:"products"`
}

// Seed fills an empty catalog with Online Boutique's products. A catalog
// that has products is left alone.
func (s *Products) Seed(ctx context.Context) error {
	var n int64
	if err := s.db.WithContext(ctx).Model(&productRow{}).Count(&n).Error; err != nil || n > 0 {
		return err
	}
	var f seedFile
	if err := json.Unmarshal(seedJSON, &f); err != nil {
		return fmt.Errorf("catalog seed: %w", err)
	}
	rows := make([]productRow, len(f.Products))
	for i, p := range f.Products {
		price := shared.Money{CurrencyCode: p.PriceUSD.CurrencyCode, Units: p.PriceUSD.Units, Nanos: p.PriceUSD.Nanos}
		rows[i] = rowOf(catalog.Product{ID: p.ID, Name: p.Name, Description: p.Description, Picture: p.Picture, PriceUSD: price, Categories: p.Categories})
	}
	return s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error
}
