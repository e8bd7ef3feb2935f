package store

// Product is catalog's own row.
type Product struct{}

// TableName names catalog's own table.
func (Product) TableName() string { return "catalog_products" }
