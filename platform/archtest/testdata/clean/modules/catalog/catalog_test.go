package catalog_test

// Test files of a contract may import what they need.
import (
	"testing"

	"gorm.io/gorm"

	"github.com/jubako/jubako/modules/catalog/internal/store"
)

func TestNothing(t *testing.T) { _, _ = gorm.Open, store.Product{} }
