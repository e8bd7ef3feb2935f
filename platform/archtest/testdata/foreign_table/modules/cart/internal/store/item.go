package store

import "gorm.io/gorm"

// Item joins across the module boundary.
type Item struct {
	ProductID string `gorm:"references:catalog_products.id"`
}

// Priced reads catalog's table.
func Priced(db *gorm.DB) *gorm.DB {
	return db.Raw(`SELECT i.* FROM cart_items i
		JOIN Catalog_Products p ON p.id = i.product_id`)
}

// Products reads catalog's table through gorm.
func Products(db *gorm.DB) *gorm.DB { return db.Table("catalog_products") }
