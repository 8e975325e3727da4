package discover

import "errors"

// ErrUevent: the message is not a kernel uevent (for example a udev
// "libudev" message, which starts with that magic instead).
var ErrUevent = errors.New("discover: malformed uevent")
