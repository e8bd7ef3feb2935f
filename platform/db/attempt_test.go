package db_test

import (
	"context"
	"errors"
	"testing"

	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// TestAttemptKeepsTheTransactionAfterARefusal: a refusal rolls back the
// attempt alone, and what the transaction records of it commits; a
// transient failure is handed back for the whole transaction to fail.
func TestAttemptKeepsTheTransactionAfterARefusal(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		d := be.Open(t)
		ctx := context.Background()
		if err := d.Exec("CREATE TABLE attempts (what TEXT NOT NULL)").Error; err != nil {
			t.Fatal(err)
		}
		insert := func(tx *gorm.DB, what string) error {
			return tx.Exec("INSERT INTO attempts (what) VALUES (?)", what).Error
		}
		refusal := shared.Invalid("stock", "none left")
		err := d.Transact(ctx, func(tx *gorm.DB) error {
			refused, err := db.Attempt(tx, func(sp *gorm.DB) error {
				if err := insert(sp, "attempted"); err != nil {
					return err
				}
				return refusal
			})
			if err != nil || !errors.Is(refused, refusal) {
				t.Errorf("Attempt = %v, %v; want the refusal and no error", refused, err)
			}
			return insert(tx, "refusal recorded")
		})
		if err != nil {
			t.Fatal(err)
		}
		transient := shared.Errorf(shared.CodeUnavailable, "try later")
		err = d.Transact(ctx, func(tx *gorm.DB) error {
			if err := insert(tx, "rolled back with the transaction"); err != nil {
				return err
			}
			refused, err := db.Attempt(tx, func(sp *gorm.DB) error { return transient })
			if refused != nil || !errors.Is(err, transient) {
				t.Errorf("Attempt = %v, %v; want no refusal and the transient error", refused, err)
			}
			return err
		})
		if !errors.Is(err, transient) {
			t.Fatalf("transaction = %v, want the transient error", err)
		}
		var rows []string
		if err := d.Raw("SELECT what FROM attempts").Scan(&rows).Error; err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0] != "refusal recorded" {
			t.Errorf("rows %q, want the recorded refusal alone", rows)
		}
	})
}
