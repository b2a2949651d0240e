/**
 * Entry of the return page's classic `<script>` bundle: defines `<palomma-pay-status>` only. Nothing is exported,
 * so no global variable is added.
 */
import {define} from './define.js';
import {PalommaPayStatus} from './palomma-pay-status.js';

define('palomma-pay-status', PalommaPayStatus);
