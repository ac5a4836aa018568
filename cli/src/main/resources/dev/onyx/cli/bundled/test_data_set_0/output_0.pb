
BprobabilitiesJ(2ñ=TTj>¤d<¬[i>iï=x™Î=0Ä*>4ÄÈ<€lò<¦ÝÈ<