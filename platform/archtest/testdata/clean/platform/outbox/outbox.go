// Package outbox may name the platform's own tables.
package outbox

const table = "jubako_outbox"

// The platform's own topics, and words that merely contain a module's name
// (a catalogue, carts, orderly work), are not the shop's; nor is a comment
// on the orders module.
var notNames = []string{"jubako.saga_step.v1", "a catalogue of carts", "orderly work", "gateway"}
