// Package outbox may name the platform's own tables.
package outbox

const table = "jubako_outbox"
