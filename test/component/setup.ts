// Component tests: views load lazily (their own chunks), and a busy machine
// can take seconds to import one; find* queries wait for them, not 1 s.
import { configure } from '@testing-library/svelte';

configure({ asyncUtilTimeout: 30_000 });
