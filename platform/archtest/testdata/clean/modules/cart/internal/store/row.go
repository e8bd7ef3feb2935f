package store

// Row lives in cart_items.
type Row struct{}

// TableName names the module's own table.
func (Row) TableName() string { return "cart_items" }
