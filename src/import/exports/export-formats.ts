// One line per venue export format. Detection tries them in this order, so the more specific
// shapes (enveloped responses, context files) come before the looser ones (bare arrays, CCXT).

import type { ExportFormat } from './export-format.js';
import { binanceUsdmAccount } from './formats/binance-usdm-account.js';
import { binanceUsdmLeverageBracket } from './formats/binance-usdm-leverage-bracket.js';
import { binanceUsdmPositionRisk } from './formats/binance-usdm-position-risk.js';
import { binanceUsdmSymbolConfig } from './formats/binance-usdm-symbol-config.js';
import { bybitAccountInfo } from './formats/bybit-account-info.js';
import { bybitPositionList } from './formats/bybit-position-list.js';
import { bybitRiskLimit } from './formats/bybit-risk-limit.js';
import { bybitWalletBalance } from './formats/bybit-wallet-balance.js';
import { ccxtPositions } from './formats/ccxt-positions.js';
import { deribitPositions } from './formats/deribit-positions.js';
import { dydxPerpetualMarkets } from './formats/dydx-perpetual-markets.js';
import { dydxPerpetualPositions } from './formats/dydx-perpetual-positions.js';
import { dydxSubaccount } from './formats/dydx-subaccount.js';
import { hyperliquidClearinghouseState } from './formats/hyperliquid-clearinghouse-state.js';
import { okxInstruments } from './formats/okx-instruments.js';
import { okxPositions } from './formats/okx-positions.js';

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  bybitAccountInfo,
  bybitWalletBalance,
  bybitRiskLimit,
  bybitPositionList,
  okxInstruments,
  okxPositions,
  hyperliquidClearinghouseState,
  dydxSubaccount,
  dydxPerpetualMarkets,
  dydxPerpetualPositions,
  deribitPositions,
  binanceUsdmAccount,
  binanceUsdmLeverageBracket,
  binanceUsdmSymbolConfig,
  binanceUsdmPositionRisk,
  ccxtPositions,
];
