// Package pointers is a reference input of gowasm bind: *T is T | null.
package pointers

type Node struct {
	Value int32   `json:"value"`
	Next  *Node   `json:"next"`
	Note  *string `json:"note,omitempty"`
}

//gowasm:export
func Length(n *Node) int32 {
	count := int32(0)
	for ; n != nil; n = n.Next {
		count++
	}
	return count
}

//gowasm:export
func Find(words []*string, prefix *string) *string { return nil }
