package store

// An unprefixed table is reported at its migration only, not in every
// literal saying "products".
const q = "SELECT * FROM products"
