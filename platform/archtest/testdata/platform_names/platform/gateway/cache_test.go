package gateway

// Test files may name modules: they run the shop.
var testRoutes = []string{"/api/catalog/products", "orders.order_completed.v1"}
