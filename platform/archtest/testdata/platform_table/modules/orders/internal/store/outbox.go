package store

// outboxRow bypasses the bus and writes the platform's table itself.
type outboxRow struct{}

// TableName names a platform table.
func (outboxRow) TableName() string { return "jubako_outbox" }

const pending = "SELECT count(*) FROM jubako_outbox_deliveries"

// jubako_outbox in a comment is not a literal; "jubako_outboxes" is no table.
const note = "see jubako_outboxes, orders_orders"
