package outbox_test

import (
	"testing"

	"github.com/jubako/jubako/modules/catalog/local"
)

func TestOutbox(t *testing.T) { _ = local.Module }
