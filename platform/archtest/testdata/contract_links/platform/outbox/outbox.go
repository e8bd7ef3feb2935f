package outbox

import "gorm.io/gorm"

func Write(tx *gorm.DB) {}
