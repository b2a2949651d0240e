/**
 * Entry of the classic `<script>` bundle. It only defines the elements: with nothing exported, the bundle adds no
 * global variable to the merchant's page.
 */
import './index.js';
