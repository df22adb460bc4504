// The smallest page beside a go-app page: gowasm build needs one, and the
// go-app page takes its stylesheet.
import './style.css';
