package store

// Product is catalog's gorm model.
type Product struct{}
