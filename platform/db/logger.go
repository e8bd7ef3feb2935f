package db

import (
	"log/slog"
	"time"

	"gorm.io/gorm/logger"
)

// newLogger logs slow queries and errors through slog; "record not found" is
// an answer, not an error, and parameters are never logged (they may hold
// personal data).
func newLogger(log *slog.Logger, slow time.Duration) logger.Interface {
	return logger.NewSlogLogger(log.With("component", "db"), logger.Config{
		SlowThreshold:             slow,
		LogLevel:                  logger.Warn,
		IgnoreRecordNotFoundError: true,
		ParameterizedQueries:      true,
	})
}
