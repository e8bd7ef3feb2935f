package shared

import "github.com/google/uuid"

// NewID returns a time-ordered unique id (UUIDv7) as text. Ids sort by
// creation time, so tables keyed by them stay append-friendly.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }
