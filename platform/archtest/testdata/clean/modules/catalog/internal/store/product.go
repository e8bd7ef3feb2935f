package store

import "gorm.io/gorm"

// Product is the gorm model of catalog_products.
type Product struct {
	ID string `gorm:"primaryKey"`
}

// TableName names the module's own table.
func (Product) TableName() string { return "catalog_products" }

// Cheap queries the module's own tables; catalog_products_view is no table.
func Cheap(db *gorm.DB) *gorm.DB {
	return db.Raw(`SELECT id FROM catalog_products
		JOIN catalog_prices USING (id) -- catalog_products_view`)
}
