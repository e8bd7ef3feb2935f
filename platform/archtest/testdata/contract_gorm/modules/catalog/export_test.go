package catalog

import "gorm.io/gorm"

var _ = gorm.Open
