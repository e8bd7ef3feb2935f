// Package store keeps the catalog in its own table, catalog_products.
package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

type productRow struct {
	ID          string `gorm:"primaryKey"`
	Name        string
	Description string
	Picture     string
	PriceUnits  int64
	PriceNanos  int32
	Categories  string
	UpdatedAt   time.Time
}

func (productRow) TableName() string { return "catalog_products" }

func (r productRow) product() catalog.Product {
	var cats []string
	if r.Categories != "" {
		cats = strings.Split(r.Categories, ",")
	}
	return catalog.Product{
		ID: r.ID, Name: r.Name, Description: r.Description, Picture: r.Picture,
		PriceUSD:   shared.Money{CurrencyCode: "USD", Units: r.PriceUnits, Nanos: r.PriceNanos},
		Categories: cats,
	}
}

func rowOf(p catalog.Product) productRow {
	return productRow{
		ID: p.ID, Name: p.Name, Description: p.Description, Picture: p.Picture,
		PriceUnits: p.PriceUSD.Units, PriceNanos: p.PriceUSD.Nanos,
		Categories: strings.Join(p.Categories, ","), UpdatedAt: db.Now(),
	}
}

// Products reads and writes catalog_products.
type Products struct{ db *db.DB }

// New returns the store.
func New(d *db.DB) *Products { return &Products{db: d} }

// Get returns one product or catalog.ErrProductNotFound.
func (s *Products) Get(ctx context.Context, tx *gorm.DB, id string) (catalog.Product, error) {
	var r productRow
	err := s.conn(ctx, tx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return catalog.Product{}, catalog.ErrProductNotFound.With("no product %q", id)
	}
	return r.product(), err
}

// Search lists products whose name or description contains query, ignoring
// case; an empty query lists all. Results are in name order.
func (s *Products) Search(ctx context.Context, query string) ([]catalog.Product, error) {
	q := s.db.WithContext(ctx).Order("name")
	if query != "" {
		pattern := "%" + escapeLike(strings.ToLower(query)) + "%"
		q = q.Where(`LOWER(name) LIKE ? ESCAPE '\' OR LOWER(description) LIKE ? ESCAPE '\'`, pattern, pattern)
	}
	var rows []productRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]catalog.Product, len(rows))
	for i, r := range rows {
		out[i] = r.product()
	}
	return out, nil
}

// SetPrice stores a new price within tx.
func (s *Products) SetPrice(tx *gorm.DB, id string, price shared.Money) error {
	return tx.Model(&productRow{}).Where("id = ?", id).
		Updates(map[string]any{"price_units": price.Units, "price_nanos": price.Nanos, "updated_at": db.Now()}).Error
}

func (s *Products) conn(ctx context.Context, tx *gorm.DB) *gorm.DB {
	if tx != nil {
		return tx
	}
	return s.db.WithContext(ctx)
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
