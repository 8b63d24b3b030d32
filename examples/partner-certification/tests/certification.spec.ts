import { specs } from 'roaming-harness/specs';

// One Playwright test per IR.24 case; the case id is the test's title prefix and its Allure link.
specs('specs/*.roam.yaml');
