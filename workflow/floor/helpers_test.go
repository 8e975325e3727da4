package floor

import "github.com/edged/edged/device/scanner/serialport"

func scannerModeBad() serialport.Mode { return serialport.Mode{Parity: "sometimes"} }
