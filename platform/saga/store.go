package saga

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/jubako/jubako/shared"
)

// Saga statuses.
const (
	StatusRunning      = "RUNNING"
	StatusCompensating = "COMPENSATING"
	StatusCompleted    = "COMPLETED"
	StatusCancelled    = "CANCELLED"
)

// Phases.
const (
	phaseForward    = "forward"
	phaseCompensate = "compensate"
)

// Step log statuses.
const (
	LogSucceeded          = "succeeded"
	LogFailed             = "failed"
	LogCompensated        = "compensated"
	LogCompensationFailed = "compensation_failed"
)

type sagaRow struct {
	ID     string `gorm:"primaryKey"`
	Name   string
	Module string
	Status string
	Phase  string
	// StepID is the current step's ID. It is empty in a row written before
	// step IDs existed, whose position LegacyStep holds (see placeLegacy).
	StepID     string
	LegacyStep int
	// DefVersion is the version of the definition that last wrote the row:
	// its state has that version's shape.
	DefVersion int
	// Done lists the steps done and not compensated, in the order they ran;
	// empty once the saga is CANCELLED.
	Done stepIDs
	// Pivoted records that a pivot step succeeded.
	Pivoted bool
	Attempt int
	// Refused counts the tries of the current step that an open circuit
	// breaker refused: they never reached the provider, so no limit counts
	// them (Attempt - Refused is how often the step was really tried).
	Refused    int
	Stuck      bool
	State      string
	Reason     string
	LastError  string
	TraceID    string
	Deadline   time.Time
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	FinishedAt *time.Time
}

func (sagaRow) TableName() string { return "jubako_sagas" }

func (r *sagaRow) finished() bool {
	return r.Status == StatusCompleted || r.Status == StatusCancelled
}

// tries is how often the current step reached its provider.
func (r *sagaRow) tries() int { return r.Attempt - r.Refused }

// stepIDs is a list of step IDs, stored as a JSON array.
type stepIDs []string

// Value encodes the list for the database.
func (s stepIDs) Value() (driver.Value, error) {
	b, err := json.Marshal(append([]string{}, s...))
	return string(b), err
}

// Scan decodes the list from the database.
func (s *stepIDs) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("saga: done steps are %T, not text", src)
	}
	*s = nil
	if len(b) == 0 {
		return nil
	}
	return json.Unmarshal(b, (*[]string)(s))
}

type stepRow struct {
	SagaID     string `gorm:"primaryKey"`
	Seq        int    `gorm:"primaryKey"`
	Step       string
	Phase      string
	Status     string
	Attempt    int
	Error      string
	StartedAt  time.Time
	FinishedAt time.Time
}

func (stepRow) TableName() string { return "jubako_saga_steps" }

// errRaced means the saga changed between reading and saving it: another
// delivery of the same step, or an operator, got there first.
var errRaced = shared.Errorf(shared.CodeConflict, "the saga changed meanwhile; try again")

// saveOrRace is save that reports a lost race as errRaced.
func saveOrRace(tx *gorm.DB, r *sagaRow) error {
	won, err := save(tx, r)
	if err == nil && !won {
		return errRaced
	}
	return err
}

// save writes r if nobody changed it since it was read (optimistic lock);
// false means another delivery of the same step got there first.
func save(tx *gorm.DB, r *sagaRow) (bool, error) {
	res := tx.Model(&sagaRow{}).Where("id = ? AND version = ?", r.ID, r.Version).Updates(map[string]any{
		"status": r.Status, "phase": r.Phase, "step_id": r.StepID, "def_version": r.DefVersion, "done": r.Done,
		"pivoted": r.Pivoted, "attempt": r.Attempt, "refused": r.Refused, "stuck": r.Stuck,
		"state": r.State, "reason": r.Reason, "last_error": r.LastError, "updated_at": r.UpdatedAt,
		"finished_at": r.FinishedAt, "version": r.Version + 1,
	})
	return res.RowsAffected == 1, res.Error
}

// appendLog adds one line to the saga's step log.
func appendLog(tx *gorm.DB, l stepRow) error {
	var seq int
	if err := tx.Model(&stepRow{}).Where("saga_id = ?", l.SagaID).Select("COALESCE(MAX(seq), 0)").Scan(&seq).Error; err != nil {
		return err
	}
	l.Seq = seq + 1
	return tx.Create(&l).Error
}
