/**
 * Entry of the checkout page's classic `<script>` bundle: defines `<palomma-pay>` only, so the page that takes the
 * payment does not carry the return page's element. Nothing is exported, so no global variable is added.
 */
import {define} from './define.js';
import {PalommaPay} from './palomma-pay.js';

define('palomma-pay', PalommaPay);
