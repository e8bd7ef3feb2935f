package bus

import "github.com/jubako/jubako/platform/outbox"

var Topic = outbox.Write
