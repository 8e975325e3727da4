package llrp

// MsgType is an LLRP message type (10 bits).
type MsgType uint16

// Message types (LLRP 1.1 §17.1).
const (
	MsgGetReaderCapabilities         MsgType = 1
	MsgGetReaderConfig               MsgType = 2
	MsgSetReaderConfig               MsgType = 3
	MsgCloseConnectionResponse       MsgType = 4
	MsgGetReaderCapabilitiesResponse MsgType = 11
	MsgGetReaderConfigResponse       MsgType = 12
	MsgSetReaderConfigResponse       MsgType = 13
	MsgCloseConnection               MsgType = 14
	MsgAddROSpec                     MsgType = 20
	MsgDeleteROSpec                  MsgType = 21
	MsgStartROSpec                   MsgType = 22
	MsgStopROSpec                    MsgType = 23
	MsgEnableROSpec                  MsgType = 24
	MsgDisableROSpec                 MsgType = 25
	MsgAddROSpecResponse             MsgType = 30
	MsgDeleteROSpecResponse          MsgType = 31
	MsgStartROSpecResponse           MsgType = 32
	MsgStopROSpecResponse            MsgType = 33
	MsgEnableROSpecResponse          MsgType = 34
	MsgDisableROSpecResponse         MsgType = 35
	MsgAddAccessSpec                 MsgType = 40
	MsgDeleteAccessSpec              MsgType = 41
	MsgEnableAccessSpec              MsgType = 42
	MsgDisableAccessSpec             MsgType = 43
	MsgGetSupportedVersion           MsgType = 46
	MsgSetProtocolVersion            MsgType = 47
	MsgAddAccessSpecResponse         MsgType = 50
	MsgDeleteAccessSpecResponse      MsgType = 51
	MsgEnableAccessSpecResponse      MsgType = 52
	MsgDisableAccessSpecResponse     MsgType = 53
	MsgGetSupportedVersionResponse   MsgType = 56
	MsgSetProtocolVersionResponse    MsgType = 57
	MsgROAccessReport                MsgType = 61
	MsgKeepalive                     MsgType = 62
	MsgReaderEventNotification       MsgType = 63
	MsgEnableEventsAndReports        MsgType = 64
	MsgKeepaliveAck                  MsgType = 72
	MsgErrorMessage                  MsgType = 100
	MsgCustomMessage                 MsgType = 1023
)

// Parameter types used by this package (LLRP 1.1 §17.2). TV types are
// 1-127, TLV types 128-2047.
const (
	ParamAntennaID                    = 1
	ParamFirstSeenUTC                 = 2
	ParamFirstSeenUptime              = 3
	ParamLastSeenUTC                  = 4
	ParamLastSeenUptime               = 5
	ParamPeakRSSI                     = 6
	ParamChannelIndex                 = 7
	ParamTagSeenCount                 = 8
	ParamROSpecID                     = 9
	ParamInventoryParameterSpecID     = 10
	ParamC1G2CRC                      = 11
	ParamC1G2PC                       = 12
	ParamEPC96                        = 13
	ParamSpecIndex                    = 14
	ParamClientRequestOpSpecResult    = 15
	ParamAccessSpecID                 = 16
	ParamOpSpecID                     = 17
	ParamC1G2SingulationDetails       = 18
	ParamC1G2XPCW1                    = 19
	ParamC1G2XPCW2                    = 20
	ParamUTCTimestamp                 = 128
	ParamUptime                       = 129
	ParamGeneralDeviceCapabilities    = 137
	ParamReceiveSensitivityEntry      = 139
	ParamPerAntennaAirProtocol        = 140
	ParamGPIOCapabilities             = 141
	ParamLLRPCapabilities             = 142
	ParamRegulatoryCapabilities       = 143
	ParamUHFBandCapabilities          = 144
	ParamTransmitPowerLevelEntry      = 145
	ParamFrequencyInformation         = 146
	ParamFrequencyHopTable            = 147
	ParamFixedFrequencyTable          = 148
	ParamROSpec                       = 177
	ParamROBoundarySpec               = 178
	ParamROSpecStartTrigger           = 179
	ParamPeriodicTriggerValue         = 180
	ParamGPITriggerValue              = 181
	ParamROSpecStopTrigger            = 182
	ParamAISpec                       = 183
	ParamAISpecStopTrigger            = 184
	ParamInventoryParameterSpec       = 186
	ParamAccessSpec                   = 207
	ParamAccessSpecStopTrigger        = 208
	ParamAccessCommand                = 209
	ParamIdentification               = 218
	ParamGPOWriteData                 = 219
	ParamKeepaliveSpec                = 220
	ParamAntennaProperties            = 221
	ParamAntennaConfiguration         = 222
	ParamRFTransmitter                = 224
	ParamGPIPortCurrentState          = 225
	ParamEventsAndReports             = 226
	ParamROReportSpec                 = 237
	ParamTagReportContentSelector     = 238
	ParamAccessReportSpec             = 239
	ParamTagReportData                = 240
	ParamEPCData                      = 241
	ParamRFSurveyReportData           = 242
	ParamReaderEventNotificationSpec  = 244
	ParamEventNotificationState       = 245
	ParamReaderEventNotificationData  = 246
	ParamGPIEvent                     = 248
	ParamROSpecEvent                  = 249
	ParamReportBufferLevelWarning     = 250
	ParamReportBufferOverflow         = 251
	ParamReaderExceptionEvent         = 252
	ParamAntennaEvent                 = 255
	ParamConnectionAttemptEvent       = 256
	ParamConnectionCloseEvent         = 257
	ParamLLRPStatus                   = 287
	ParamFieldError                   = 288
	ParamParameterError               = 289
	ParamC1G2LLRPCapabilities         = 327
	ParamUHFC1G2RFModeTable           = 328
	ParamUHFC1G2RFModeTableEntry      = 329
	ParamC1G2InventoryCommand         = 330
	ParamC1G2Filter                   = 331
	ParamC1G2TagInventoryMask         = 332
	ParamC1G2StateUnawareFilterAction = 334
	ParamC1G2RFControl                = 335
	ParamC1G2SingulationControl       = 336
	ParamC1G2TagSpec                  = 338
	ParamC1G2TargetTag                = 339
	ParamC1G2Read                     = 341
	ParamC1G2EPCMemorySelector        = 348
	ParamC1G2ReadOpSpecResult         = 349
	ParamCustom                       = 1023
)

// Vendor private enterprise numbers and Impinj extension subtypes.
const (
	VendorImpinj                 = 25882
	ImpinjEnableExtensions       = 21
	ImpinjEnableExtensionsResult = 22
	ImpinjInventorySearchMode    = 23
	ImpinjTagReportContent       = 50
	ImpinjEnablePeakRSSI         = 53
	ImpinjPeakRSSI               = 57
)

// Protocol versions carried in the header.
const (
	Version101 uint8 = 1
	Version11  uint8 = 2
)

// tvLength returns the value length of a known TV parameter type, or -1.
func tvLength(t uint8) int {
	switch t {
	case ParamAntennaID, ParamChannelIndex, ParamTagSeenCount, ParamInventoryParameterSpecID,
		ParamC1G2CRC, ParamC1G2PC, ParamSpecIndex, ParamClientRequestOpSpecResult,
		ParamOpSpecID, ParamC1G2XPCW1, ParamC1G2XPCW2:
		return 2
	case ParamFirstSeenUTC, ParamFirstSeenUptime, ParamLastSeenUTC, ParamLastSeenUptime:
		return 8
	case ParamPeakRSSI:
		return 1
	case ParamROSpecID, ParamAccessSpecID, ParamC1G2SingulationDetails:
		return 4
	case ParamEPC96:
		return 12
	}
	return -1
}
