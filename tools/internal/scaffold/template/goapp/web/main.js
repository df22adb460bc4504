// The site's own page; its stylesheet is the Go page's too.
import './style.css';
